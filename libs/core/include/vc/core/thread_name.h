// Names the calling thread, so that top -H, ps -L, perf and gdb show which of a service's
// threads is the writer, the sync, the checkpointer or a flusher. The kernel keeps at most 15
// bytes of a name; a longer name is cut there.
#pragma once

#include <string>
#include <string_view>

namespace vc {

void NameThisThread(std::string_view name);

// The calling thread's name as the kernel reports it (empty when it cannot be read).
std::string ThisThreadName();

}  // namespace vc
