// libxml2's pull parser (Debian: libxml2-dev), read through XMLStream.
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
