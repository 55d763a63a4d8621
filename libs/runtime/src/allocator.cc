// Compiled into each service executable with mimalloc (vc_allocator in CMakeLists.txt).
//
// mimalloc keeps pages that a thread freed for a while before it gives them back to the
// system. The services' threads free in bursts (a reactor thread after each answer, the
// processing log after each flush), so the pages kept that way were a fifth of the peak RSS:
// 33.7 MB with mimalloc's default delay against 27.0 MB with none, at the same GET rate
// (docs/performance.md). Set before main, so it holds from the first free on.
#include <mimalloc.h>

namespace {

const bool kDecommitAtOnce = [] {
  mi_option_set(mi_option_decommit_delay, 0);
  return true;
}();

}  // namespace
