// Where finished log lines go: stderr, in the order they were written, each line whole.
//
// Lines below warn level are buffered and written by a background thread, at most every
// kFlushInterval or as soon as kFlushBytes wait: one write(2) per line was a third of the
// service's GET throughput when stderr was a file (docs/performance.md). Warnings and errors
// are written before Emit returns, together with everything buffered before them.
// A line that would take the buffer past kMaxBytes (stderr blocked or gone) is dropped, so
// logging never holds up a request; the next write reports how many were dropped.
//
// Limitation: buffered lines are lost when the process is killed or crashes within the flush
// interval; a crash's own error line is written at once, but the access lines just before it
// may be missing.
//
// Thread-safe. Internal to vc_log.
#pragma once

#include <chrono>
#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

#include "vc/log/log.h"

namespace vc::log {

// One whole line, '\n' included, as Write formats it (log.cc).
std::string FormatLine(Level level, std::string_view event, std::initializer_list<Field> fields);

constexpr std::chrono::milliseconds kFlushInterval{50};
constexpr size_t kFlushBytes = 64 * 1024;
constexpr size_t kMaxBytes = 1024 * 1024;

// Takes a line that ends in '\n'. urgent: write it, and all before it, before returning.
void Emit(std::string line, bool urgent);

// Writes everything emitted so far before returning (also run at exit).
void FlushAll();

}  // namespace vc::log
