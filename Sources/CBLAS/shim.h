// Debian's libopenblas-dev installs cblas.h under /usr/include/<triplet>/ (found through pkg-config).
#include <cblas.h>
