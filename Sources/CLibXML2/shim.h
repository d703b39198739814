#pragma once
// libxml2. Owner: Sources/QuarryHTML/LibXML2.swift.
// Needs -I/usr/include/libxml2, which pkgConfig "libxml-2.0" adds.
// Debian's libxml2 is built with ICU, and <libxml/encoding.h> then includes the system ICU
// headers, which clash with Foundation's bundled ICU ("'UErrorCode' has different
// definitions"). Hiding the ICU part only changes the tail of xmlCharEncodingHandler, which
// Swift code never allocates or reads.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlreader.h>
// xmlFree is a mutable C global (a function pointer): Swift 6 rejects references to it.
static inline void cxml_free(void *p) { xmlFree(p); }
