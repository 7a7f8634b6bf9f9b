# Writes OUTPUT, a C++ source defining nw::catalog::embedded_catalog_csv() with INPUT's bytes.
file(READ ${INPUT} hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
string(REGEX REPLACE "(('[^']+',){32})" "\\1\n" bytes "${bytes}")
file(WRITE ${OUTPUT} "// Generated from ${INPUT} by cmake/embed_file.cmake. Do not edit.\n"
  "#include <string_view>\n"
  "namespace nw::catalog {\n"
  "namespace { constexpr char kBytes[] = {\n${bytes}\n'\\0'}; }\n"
  "std::string_view embedded_catalog_csv() { return {kBytes, ${byte_count}}; }\n"
  "}  // namespace nw::catalog\n")
