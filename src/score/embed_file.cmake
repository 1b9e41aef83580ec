# Turns the file IN into a C++ source OUT that defines kDefaultScoringConfigText (NUL-terminated)
# and kDefaultScoringConfigSize, so the binary carries its defaults wherever it is installed.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hex_len)
math(EXPR size "${hex_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
file(WRITE "${OUT}.tmp"
  "// Generated from ${IN} by src/score/embed_file.cmake; edit that file instead.\n"
  "#include <cstddef>\n"
  "namespace sluice {\n"
  "extern const char kDefaultScoringConfigText[] = {${bytes}'\\0'};\n"
  "extern const size_t kDefaultScoringConfigSize = ${size};\n"
  "}  // namespace sluice\n")
file(RENAME "${OUT}.tmp" "${OUT}")
