#pragma once
// OpenCC's C API (Debian's libopencc-dev, OpenCC 1.1.x). Owner: Sources/QuarryText/ChineseScriptConverter.swift.
// <opencc/opencc.h> pulls in C++ headers only under __cplusplus; Swift imports it as plain C.
#include <opencc/opencc.h>
