# Writes the man page and the bash and zsh completions of assay by running
# the built binary's hidden generators (src/assay/cli/completions_cmd.cc),
# so that they follow the help text.
#   cmake -DASSAY=<assay binary> -DOUT=<share dir> -P generate_docs.cmake
foreach(spec "manpage;man/man1/assay.1" "completions;bash;bash-completion/completions/assay"
             "completions;zsh;zsh/site-functions/_assay")
  list(POP_BACK spec file)
  get_filename_component(dir "${OUT}/${file}" DIRECTORY)
  file(MAKE_DIRECTORY "${dir}")
  execute_process(COMMAND "${ASSAY}" ${spec} OUTPUT_FILE "${OUT}/${file}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "assay ${spec} failed (${rc})")
  endif()
endforeach()
