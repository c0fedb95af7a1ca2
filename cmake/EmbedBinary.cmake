# cmake -DINPUT=file -DOUTPUT=header -DNAME=symbol -P EmbedBinary.cmake
# Writes `alignas(8) static const unsigned char NAME[] = {...};` holding the
# bytes of INPUT (a GPU fatbin, loaded with cuModuleLoadData).
file(READ "${INPUT}" bytes HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${bytes}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}" "// Generated from ${INPUT}; do not edit.\n"
  "alignas(8) static const unsigned char ${NAME}[] = {\n${bytes}\n};\n")
