# Helpers for Spider's libraries and generated documentation.

set(SPIDER_DOCS_BINARY_DIR ${PROJECT_BINARY_DIR}/docs)

# spider_add_library(name sources... [DEPENDS targets...]
#                    [LINK_LIBS spider-libs...] [MLIR_LIBS mlir-libs...])
#
# A static, position-independent library exported in SpiderTargets. It links
# libMLIR.so when SPIDER_LINK_MLIR_DYLIB is on, the named MLIR archives
# otherwise. (add_mlir_library would install into MLIR's own export set.)
function(spider_add_library name)
  cmake_parse_arguments(ARG "" "" "DEPENDS;LINK_LIBS;MLIR_LIBS" ${ARGN})
  add_library(${name} STATIC ${ARG_UNPARSED_ARGUMENTS})
  add_library(Spider::${name} ALIAS ${name})
  add_dependencies(${name} SpiderOpsIncGen SpiderConversionPassesIncGen
                   SpiderPassesIncGen ${ARG_DEPENDS})
  target_include_directories(${name} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/include>
    $<INSTALL_INTERFACE:include>)
  target_link_libraries(${name} PUBLIC ${ARG_LINK_LIBS})
  if(SPIDER_LINK_MLIR_DYLIB)
    target_link_libraries(${name} PUBLIC MLIR LLVM)
  else()
    target_link_libraries(${name} PUBLIC ${ARG_MLIR_LIBS})
  endif()
  install(TARGETS ${name} EXPORT SpiderTargets
    ARCHIVE DESTINATION lib LIBRARY DESTINATION lib)
endfunction()

# spider_link_mlir(target visibility mlir-libs...): links a tool or module
# against libMLIR.so or the named archives.
function(spider_link_mlir target visibility)
  if(SPIDER_LINK_MLIR_DYLIB)
    target_link_libraries(${target} ${visibility} MLIR LLVM)
  else()
    target_link_libraries(${target} ${visibility} ${ARGN})
  endif()
endfunction()

# spider_add_doc(td-file output-path tblgen-args...)
#
# Generates Markdown documentation from ODS into build/docs/<output-path>.
# `spider-doc` builds them all; `spider-update-docs` copies them into docs/.
function(spider_add_doc td output)
  set(LLVM_TARGET_DEFINITIONS ${td})
  get_filename_component(name ${output} NAME_WE)
  mlir_tablegen(${name}.md ${ARGN})
  set(dst ${SPIDER_DOCS_BINARY_DIR}/${output})
  add_custom_command(OUTPUT ${dst}
    COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_CURRENT_BINARY_DIR}/${name}.md ${dst}
    DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/${name}.md)
  add_custom_target(SpiderDoc${name} DEPENDS ${dst})
  set_property(GLOBAL APPEND PROPERTY SPIDER_DOC_TARGETS SpiderDoc${name})
  set_property(GLOBAL APPEND PROPERTY SPIDER_DOC_FILES ${output})
endfunction()
