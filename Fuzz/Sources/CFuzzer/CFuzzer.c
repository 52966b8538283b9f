// The declaration of libFuzzer's driver is all this target holds; SwiftPM needs one source file.
#include "CFuzzer.h"
