# `cpack -G DEB` in the build folder: one package with both programs, the desktop entry, the
# icons and the AppStream metainfo. Its Depends come from dpkg-shlibdeps (the libtorch and Qt
# libraries the programs link); the BLAS is loaded through libblas.so.3, so the fast one is
# recommended by name.
set(CPACK_PACKAGE_NAME latent-explorer)
set(CPACK_PACKAGE_VENDOR "Latent Explorer")
set(CPACK_PACKAGE_CONTACT "Latent Explorer developers <latent-explorer@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Train autoencoders and VAEs on MNIST and explore their latent space")
set(CPACK_PACKAGE_DESCRIPTION "Latent Explorer trains autoencoders and variational autoencoders on MNIST on
your own machine, plots their losses live and lets you explore the latent space: a scatter of
encoded digits over a grid of decoded images, where dragging a point decodes a new digit.
latent-cli offers the same for scripts and benchmarks.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libopenblas0-openmp, dataset-fashion-mnist")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "npm")
set(CPACK_GENERATOR DEB)
include(CPack)
