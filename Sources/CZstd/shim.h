#pragma once
// zstd streaming API. Owner: Sources/QuarryIO/Compression/Zstd.swift.
#include <zstd.h>
#include <zstd_errors.h>
