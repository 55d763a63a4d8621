# One INTERFACE target carries the warning and sanitizer flags; every project target links it.
add_library(vc_warnings INTERFACE)
target_compile_options(vc_warnings INTERFACE -Wall -Wextra -Werror)

if(VC_SANITIZE)
  target_compile_options(vc_warnings INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
    # GCC 12 reports false maybe-uninitialized warnings inside <regex> under ASan.
    -Wno-maybe-uninitialized
    # cpprestsdk's stream buffers call members through a base whose dynamic type UBSan's vptr
    # check does not recognise (a false report inside its headers); the other checks stay on.
    -fno-sanitize=vptr)
  target_link_options(vc_warnings INTERFACE -fsanitize=address,undefined)
endif()
