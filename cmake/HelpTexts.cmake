# Writes the --help text of every command of TOOL into OUTPUT_DIR, one <command>.txt a
# command (glitchtip-gitops.txt for the top level), exactly as the tool prints it. Run at build
# time by cmake/Package.cmake, so the installed texts always match the installed binary.
set(commands version validate plan show graph apply refresh import state "state list"
             "state show" "state pull" "state push" "state versions" "state restore"
             force-unlock schema dsn)
file(MAKE_DIRECTORY ${OUTPUT_DIR})

function(write_help name)
  execute_process(COMMAND ${TOOL} ${ARGN} --help OUTPUT_VARIABLE text RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${TOOL} ${ARGN} --help exited ${status}")
  endif()
  file(WRITE ${OUTPUT_DIR}/${name}.txt "${text}")
endfunction()

write_help(glitchtip-gitops)
foreach(command ${commands})
  separate_arguments(words UNIX_COMMAND "${command}")
  string(REPLACE " " "-" name "${command}")
  write_help(glitchtip-gitops-${name} ${words})
endforeach()
