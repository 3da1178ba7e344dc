# GG_UNITY=ON: the tool's libraries, the binary and the emulator compile as unity files, eight
# .cpp files each, so that the heavy headers every file includes (nlohmann/json, <ranges>,
# CLI11, cpp-httplib) are parsed a few times instead of once a file. Measured on 2 cores in
# README.md ("Install"). Included last, once every target exists. The tests keep one file a
# translation unit.
foreach(target gg_schemas gg_planner gg_definitions gg_snapshot gg_glitchtip glitchtip-gitops
               gg_emulator glitchtip-emulator)
  if(TARGET ${target})
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 8)
  endif()
endforeach()

# Compiled alone: files whose file-local helpers share a name with another file's of the same
# library (contains, find_in, text, generation_name, group_by_organization, Writer, lower,
# counts_line, seconds_text, optional_number), and the two whose private Impl/Loop holds file-local types (GCC's
# -Wsubobject-linkage fires when such a file is included into another).
set_source_files_properties(
  ${PROJECT_SOURCE_DIR}/planner/precondition.cpp ${PROJECT_SOURCE_DIR}/planner/plan_file.cpp
  ${PROJECT_SOURCE_DIR}/planner/plan_wording.cpp ${PROJECT_SOURCE_DIR}/planner/record.cpp
  ${PROJECT_SOURCE_DIR}/planner/render_graph.cpp
  DIRECTORY ${PROJECT_SOURCE_DIR}/planner PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
set_source_files_properties(${PROJECT_SOURCE_DIR}/providers/snapshot/postgres_snapshot_store.cpp
                            DIRECTORY ${PROJECT_SOURCE_DIR}/providers/snapshot
                            PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
set_source_files_properties(${PROJECT_SOURCE_DIR}/providers/glitchtip/http_client.cpp
                            DIRECTORY ${PROJECT_SOURCE_DIR}/providers/glitchtip
                            PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
if(TARGET gg_emulator)
  set_source_files_properties(${PROJECT_SOURCE_DIR}/tests/emulator/emulator.cpp
                              ${PROJECT_SOURCE_DIR}/tests/emulator/shapes_alerts.cpp
                              DIRECTORY ${PROJECT_SOURCE_DIR}/tests/emulator
                              PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
endif()
set_source_files_properties(${PROJECT_SOURCE_DIR}/cmd/import.cpp DIRECTORY ${PROJECT_SOURCE_DIR}/cmd
                            PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
set_source_files_properties(${PROJECT_SOURCE_DIR}/providers/definitions/did_you_mean.cpp
                            DIRECTORY ${PROJECT_SOURCE_DIR}/providers/definitions
                            PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
