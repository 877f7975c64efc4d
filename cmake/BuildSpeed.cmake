# How the build is kept fast: a compiler cache that hits in any clone's folder, unity batches for
# the torch-heavy targets, and one precompiled torch header that every target reuses. Included by the
# top CMakeLists.txt before the targets; the functions are called where the targets are made.
# Measured figures: docs/DEVELOPING.md, "What makes the build fast".

# All of it is behind LATENT_FAST_BUILD (the top CMakeLists.txt).
if(LATENT_FAST_BUILD)
  find_program(CCACHE_PROGRAM ccache)
endif()
if(CCACHE_PROGRAM)
  # ccache leaves every compile that uses a precompiled header uncached unless it may ignore the
  # header's defines and time stamps (sloppiness), and with GCC it must see which header is used
  # (-fpch-preprocess). BASEDIR: clones in other folders share the cache. It is the deepest folder
  # that holds both the sources and the build (the clone itself for build/ inside it, its parent for
  # cmake -B ../elsewhere), so that every path a compile names is written relative to the build
  # folder: the build folder's own paths (objects, the PCH, generated headers) too. DEPEND: on a
  # miss ccache reads the included files from the compiler's own -MD list instead of running the
  # preprocessor first (a fresh build's every compile is a miss; docs/DEVELOPING.md has the figures).
  set(latent_ccache_base ${PROJECT_SOURCE_DIR})
  while(NOT latent_ccache_base STREQUAL "/")
    file(RELATIVE_PATH build_from_base ${latent_ccache_base} ${PROJECT_BINARY_DIR})
    if(NOT build_from_base MATCHES "^\\.\\.")
      break()
    endif()
    get_filename_component(latent_ccache_base ${latent_ccache_base} DIRECTORY)
  endwhile()
  if(latent_ccache_base STREQUAL "/")  # not "/": the system's headers would be rewritten too
    set(latent_ccache_base ${PROJECT_SOURCE_DIR})
  endif()
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CMAKE_COMMAND} -E env
      "CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime"
      "CCACHE_BASEDIR=${latent_ccache_base}" "CCACHE_PCH_EXTSUM=true" "CCACHE_DEPEND=true" ${CCACHE_PROGRAM})
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    add_compile_options(-fpch-preprocess)
  endif()
endif()

# A faster linker: GNU ld reads LibTorch's symbol tables in 1.3-1.8 s a program, lld or gold (binutils,
# installed with g++) in 0.2-0.3 s; the build links ~35 programs against LibTorch.
if(LATENT_FAST_BUILD AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  include(CheckLinkerFlag)
  foreach(linker lld gold)
    check_linker_flag(CXX -fuse-ld=${linker} LATENT_LINKER_${linker})
    if(LATENT_LINKER_${linker})
      add_link_options(-fuse-ld=${linker})
      break()
    endif()
  endforeach()
endif()

# Executables and tests reuse the core's torch PCH. GCC ignores a PCH built with other PIC/PIE
# settings (-Winvalid-pch), and CMake gives executables -fPIE: compile them with the core's -fPIC.
# Unity batches: eight of the target's .cpp files compiled as one. Not CMake's UNITY_BUILD, whose
# batch files include the sources by absolute path: a clone in another folder would hash other
# text and miss ccache. These include them relative to the source root (its -I path is one that
# ccache's BASEDIR rewrites), and are rewritten only when the list changes.
function(latent_unity target)
  if(NOT LATENT_UNITY)
    return()
  endif()
  get_target_property(sources ${target} SOURCES)
  get_target_property(source_dir ${target} SOURCE_DIR)
  set(batch "")
  set(count 0)
  set(index 0)
  set(batches "")
  foreach(source IN LISTS sources)
    if(NOT source MATCHES "\\.cpp$")
      continue()
    endif()
    # A file with its own flags or without the torch header compiles alone.
    get_source_file_property(own_options ${source} COMPILE_OPTIONS)
    get_source_file_property(no_pch ${source} SKIP_PRECOMPILE_HEADERS)
    if(own_options OR no_pch)
      continue()
    endif()
    get_filename_component(path ${source} ABSOLUTE BASE_DIR ${source_dir})
    file(RELATIVE_PATH relative ${PROJECT_SOURCE_DIR} ${path})
    string(APPEND batch "#include \"${relative}\"\n")
    set_source_files_properties(${source} PROPERTIES HEADER_FILE_ONLY ON)
    math(EXPR count "${count} + 1")
    if(count EQUAL 8)
      list(APPEND batches "${batch}")
      set(batch "")
      set(count 0)
    endif()
  endforeach()
  if(count GREATER 0)
    list(APPEND batches "${batch}")
  endif()
  foreach(content IN LISTS batches)
    set(file ${CMAKE_CURRENT_BINARY_DIR}/unity/${target}_${index}.cpp)
    file(CONFIGURE OUTPUT ${file} CONTENT "${content}" @ONLY)
    target_sources(${target} PRIVATE ${file})
    math(EXPR index "${index} + 1")
  endforeach()
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR})
endfunction()

function(latent_share_torch_pch target)
  if(NOT LATENT_FAST_BUILD)
    return()
  endif()
  set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE OFF)
  target_compile_options(${target} PRIVATE -fPIC)
  target_precompile_headers(${target} REUSE_FROM latent_runtime)
endfunction()

# An executable or test with the core: the project's warnings and the shared torch PCH.
function(latent_reuse_pch target)
  latent_warnings(${target})
  latent_share_torch_pch(${target})
endfunction()

# ccache hashes a PCH's ".sum" instead of the header itself (CCACHE_PCH_EXTSUM, set with the
# launcher): a text that changes with what the header is made of (the compiler, the flags, the
# libraries' versions and the header list: `inputs`), not with the folder it was built in (the header
# records that folder, so its own bytes would differ in every clone and nothing compiled with it
# would hit).
function(latent_pch_sum target inputs)
  if(CCACHE_PROGRAM AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    string(TOUPPER "${CMAKE_BUILD_TYPE}" build_type)
    set(text "${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION}\n${inputs}")
    string(APPEND text "${CMAKE_CXX_FLAGS} ${CMAKE_CXX_FLAGS_${build_type}} ${LATENT_SANITIZE} ${LATENT_FUZZ} ${LATENT_WERROR}\n")
    string(SHA256 sum "${text}")
    file(CONFIGURE OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/CMakeFiles/${target}.dir/cmake_pch.hxx.gch.sum CONTENT "${sum}\n")
  endif()
endfunction()

# One private PCH for torch (~20 s a translation unit without it); other targets reuse it
# (REUSE_FROM). It holds the project's list of LibTorch headers (core/runtime/TorchHeaders.h), not
# <torch/torch.h>. Named in angle brackets, the generated header holds no absolute path, so that
# clones in different folders share ccache entries for it and for everything compiled against it.
# More headers after the target (the core tests' PCH adds <QtTest>).
set(LATENT_TORCH_HEADERS ${PROJECT_SOURCE_DIR}/core/runtime/TorchHeaders.h)
function(latent_torch_pch target)
  if(NOT LATENT_FAST_BUILD)
    return()
  endif()
  set(headers <runtime/TorchHeaders.h> <functional> <map> <string> <vector> ${ARGN})
  target_precompile_headers(${target} PRIVATE ${headers})
  set(inputs "Torch ${Torch_VERSION}\n${TORCH_CXX_FLAGS}\n")
  foreach(dir IN LISTS TORCH_INCLUDE_DIRS)
    if(EXISTS ${dir}/torch/version.h)
      file(SHA256 ${dir}/torch/version.h version_hash)
      string(APPEND inputs "${version_hash}\n")
    endif()
  endforeach()
  # The list's own text: an edit re-runs CMake, which writes the new sum.
  file(SHA256 ${LATENT_TORCH_HEADERS} list_hash)
  set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${LATENT_TORCH_HEADERS})
  string(JOIN " " header_text ${headers})
  string(APPEND inputs "${header_text}\n${list_hash}\n")
  if(ARGN)
    string(APPEND inputs "Qt ${Qt6_VERSION}\n")
  endif()
  latent_pch_sum(${target} "${inputs}")
endfunction()

# The widgets' PCH: the Qt headers that most of ui/widgets includes (a widget file 2.8 -> 1.5 s).
# Not the whole of <QtWidgets>: a PCH that large (280 MB) loads as slowly as the headers parse.
function(latent_widgets_pch target)
  if(NOT LATENT_FAST_BUILD)
    return()
  endif()
  set(headers <QAction> <QChart> <QChartView> <QComboBox> <QHBoxLayout> <QImage> <QLabel> <QLineSeries> <QMenu>
              <QObject> <QPainter> <QPushButton> <QSettings> <QSlider> <QSpinBox> <QString> <QToolButton> <QValueAxis>
              <QVBoxLayout> <QWidget> <algorithm> <cmath> <functional> <memory> <vector>)
  target_precompile_headers(${target} PRIVATE ${headers})
  string(JOIN " " header_text ${headers})
  latent_pch_sum(${target} "Qt ${Qt6_VERSION}\n${header_text}\n")
endfunction()
