#pragma once
// libbz2 (Wikipedia dumps, .bz2 inputs). Owner: Sources/QuarryIO/Compression/Bzip2.swift.
// Debian's libbz2-dev ships no pkg-config file; the header is in the default include path.
#include <bzlib.h>
