// The TurboJPEG API of libjpeg-turbo (Debian's libturbojpeg0-dev): errors are return codes, not longjmp.
#include <turbojpeg.h>
