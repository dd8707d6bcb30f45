# The layer table of docs/DESIGN.md, enforced by the build.
#
# assay_read_layers() parses the table under "## Modules and layers" of
# docs/DESIGN.md (the one source of truth) into, for each module M:
#   ASSAY_LAYER_<M>    its layer number
#   ASSAY_MAY_USE_<M>  the modules it may include and link ("everything below"
#                      means every module of a lower layer)
# assay_layer_tree(M) then writes build/include/M/assay/..., the only include
# path a target of module M gets: M's own folder whole, and the public headers
# (not internal.h or *_internal.h) of every module M may use, directly or
# through them (a public header of a module it may use can include that
# module's own dependencies). A file that includes a header of any other
# module does not compile; a library that links a module its row does not
# allow fails at configure time (assay_check_deps). tests/check_layers.py
# checks the direct includes against the table as well.

set(ASSAY_MODULES base text kb lexicon supply analysis verify corpus store report eval app server cli)

function(assay_read_layers)
  set(design ${CMAKE_SOURCE_DIR}/docs/DESIGN.md)
  if(NOT EXISTS ${design})
    message(FATAL_ERROR "docs/DESIGN.md is missing: the build takes the layer table from it")
  endif()
  # Semicolons in a cell would split a CMake list: read whole, make them commas.
  file(READ ${design} content)
  string(REPLACE ";" "," content "${content}")
  string(REPLACE "\n" ";" lines "${content}")
  set(rows "")
  foreach(line IN LISTS lines)
    if(line MATCHES "^\\| [0-9]+ \\| `")
      list(APPEND rows "${line}")
    endif()
  endforeach()
  set(found "")
  foreach(row IN LISTS rows)
    string(REGEX MATCH "^\\| ([0-9]+) \\| ([^|]*)\\|[^|]*\\|([^|]*)\\|" _ "${row}")
    set(layer ${CMAKE_MATCH_1})
    set(mods "${CMAKE_MATCH_2}")
    set(uses "${CMAKE_MATCH_3}")
    foreach(m IN LISTS ASSAY_MODULES)
      if(mods MATCHES "`${m}`")
        set(ASSAY_LAYER_${m} ${layer} PARENT_SCOPE)
        set(ASSAY_LAYER_${m} ${layer})
        set(ASSAY_USES_TEXT_${m} "${uses}")
        list(APPEND found ${m})
      endif()
    endforeach()
  endforeach()
  foreach(m IN LISTS found)
    set(may "")
    if(ASSAY_USES_TEXT_${m} MATCHES "everything below")
      foreach(o IN LISTS found)
        if(ASSAY_LAYER_${o} LESS ASSAY_LAYER_${m})
          list(APPEND may ${o})
        endif()
      endforeach()
    else()
      foreach(o IN LISTS found)
        if(NOT o STREQUAL m AND ASSAY_USES_TEXT_${m} MATCHES "(^|[^a-z_])${o}([^a-z_]|$)")
          if(NOT ASSAY_LAYER_${o} LESS ASSAY_LAYER_${m})
            message(FATAL_ERROR "docs/DESIGN.md: module ${m} (layer ${ASSAY_LAYER_${m}}) may use ${o} (layer ${ASSAY_LAYER_${o}}), which is not below it")
          endif()
          list(APPEND may ${o})
        endif()
      endforeach()
    endif()
    set(ASSAY_MAY_USE_${m} "${may}" PARENT_SCOPE)
  endforeach()
  set(ASSAY_LAYERED_MODULES "${found}" PARENT_SCOPE)
endfunction()

# Every module M may reach, directly or through the modules it may use.
function(assay_layer_closure m out)
  set(todo ${ASSAY_MAY_USE_${m}})
  set(seen "")
  while(todo)
    list(POP_FRONT todo o)
    if(NOT o IN_LIST seen)
      list(APPEND seen ${o})
      list(APPEND todo ${ASSAY_MAY_USE_${o}})
    endif()
  endwhile()
  set(${out} "${seen}" PARENT_SCOPE)
endfunction()

# Links the public headers of module `o` into `tree`/assay/o/.
function(assay_link_public_headers tree o)
  # CONFIGURE_DEPENDS: a new header re-runs CMake, which links it.
  file(GLOB headers CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/assay/${o}/*.h)
  foreach(h IN LISTS headers)
    get_filename_component(n ${h} NAME)
    if(NOT n STREQUAL "internal.h" AND NOT n MATCHES "_internal\\.h$")
      file(MAKE_DIRECTORY ${tree}/assay/${o})
      file(CREATE_LINK ${h} ${tree}/assay/${o}/${n} SYMBOLIC)
    endif()
  endforeach()
endfunction()

# Writes build/include/<m>/ and returns its path in <out>. m = "all" gives
# the public headers of every module (for tests/ and bench/).
function(assay_layer_tree m out)
  set(tree ${CMAKE_BINARY_DIR}/include/${m})
  file(REMOVE_RECURSE ${tree})
  file(MAKE_DIRECTORY ${tree}/assay)
  if(m STREQUAL "all")
    set(reach ${ASSAY_LAYERED_MODULES})
  else()
    if(NOT DEFINED ASSAY_LAYER_${m})
      message(FATAL_ERROR "module ${m} has no row in the layer table of docs/DESIGN.md")
    endif()
    file(CREATE_LINK ${CMAKE_SOURCE_DIR}/src/assay/${m} ${tree}/assay/${m} SYMBOLIC)
    assay_layer_closure(${m} reach)
  endif()
  foreach(o IN LISTS reach)
    if(EXISTS ${CMAKE_SOURCE_DIR}/src/assay/${o})
      assay_link_public_headers(${tree} ${o})
    endif()
  endforeach()
  set(${out} ${tree} PARENT_SCOPE)
endfunction()

# Fails when module m's target links an assay_* library its row does not allow.
function(assay_check_deps m)
  foreach(d IN LISTS ARGN)
    if(d MATCHES "^assay_([a-z]+)$")
      set(o ${CMAKE_MATCH_1})
      if(NOT o IN_LIST ASSAY_MAY_USE_${m})
        message(FATAL_ERROR "module ${m} links assay_${o}, but docs/DESIGN.md lets ${m} use only: ${ASSAY_MAY_USE_${m}}")
      endif()
    endif()
  endforeach()
endfunction()

# The include tree of module m (or "all"), written once per configure run.
function(assay_tree m out)
  get_property(tree GLOBAL PROPERTY ASSAY_TREE_${m})
  if(NOT tree)
    assay_layer_tree(${m} tree)
    set_property(GLOBAL PROPERTY ASSAY_TREE_${m} ${tree})
  endif()
  set(${out} ${tree} PARENT_SCOPE)
endfunction()

# Gives `target` module m's include tree (PRIVATE: nothing propagates).
function(assay_layer_includes target m)
  assay_tree(${m} tree)
  target_include_directories(${target} PRIVATE ${tree})
endfunction()
