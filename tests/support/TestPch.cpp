// Nothing of its own: the target that builds the core tests' precompiled header (tests/CMakeLists.txt).
