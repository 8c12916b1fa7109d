# driftlab_set_warnings(target): the project's warning set; errors with DRIFTLAB_STRICT.
function(driftlab_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align -Woverloaded-virtual
                                           -Wimplicit-fallthrough)
  if(DRIFTLAB_STRICT)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# driftlab_embed_file(target file symbol): compiles FILE's bytes into TARGET as
# `extern const unsigned char SYMBOL[]; extern const std::size_t SYMBOL_size;`
function(driftlab_embed_file target file symbol)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/embedded/${symbol}.cpp)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${file} -DOUTPUT=${out} -DSYMBOL=${symbol}
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFile.cmake
    DEPENDS ${file} ${PROJECT_SOURCE_DIR}/cmake/EmbedFile.cmake
    COMMENT "Embedding ${file}")
  target_sources(${target} PRIVATE ${out})
endfunction()
