# Every dependency is a Debian package; deploy/install-deps.sh installs them.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(OpenSSL REQUIRED)
pkg_check_modules(PISTACHE REQUIRED IMPORTED_TARGET libpistache)
pkg_check_modules(LIBJWT REQUIRED IMPORTED_TARGET libjwt)
find_package(cpprestsdk REQUIRED)
if(VC_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED)
endif()

# Debian's own Python (with python3-yaml) turns OpenAPI YAML into JSON at build time; a python3
# earlier on PATH (pyenv, venv) may lack the yaml module.
find_program(VC_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH REQUIRED)

# vc_embed_openapi(TARGET DOCUMENT NAMESPACE): compiles the document into TARGET as
# kOpenApiYaml and kOpenApiJson in NAMESPACE.
function(vc_embed_openapi target document namespace)
  get_filename_component(stem ${document} NAME_WE)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${stem}_openapi.cc)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${VC_PYTHON} ${PROJECT_SOURCE_DIR}/cmake/embed_openapi.py ${document} ${out} ${namespace}
    DEPENDS ${document} ${PROJECT_SOURCE_DIR}/cmake/embed_openapi.py
    COMMENT "Embedding ${document}")
  target_sources(${target} PRIVATE ${out})
endfunction()
