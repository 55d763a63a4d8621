#include "vc/core/thread_name.h"

#include <pthread.h>

namespace vc {
namespace {

constexpr size_t kKernelLimit = 15;  // TASK_COMM_LEN less its terminating zero

}  // namespace

void NameThisThread(std::string_view name) {
  // A name the kernel would refuse (too long) is cut instead: a name is a diagnostic aid, and
  // failing to set it must not stop a thread.
  std::string cut(name.substr(0, kKernelLimit));
  pthread_setname_np(pthread_self(), cut.c_str());
}

std::string ThisThreadName() {
  char name[kKernelLimit + 1] = {};
  if (pthread_getname_np(pthread_self(), name, sizeof name) != 0) return "";
  return name;
}

}  // namespace vc
