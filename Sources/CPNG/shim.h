#include <png.h>

// Swift does not import macros built from other macros.
static const png_uint_32 cpng_format_rgba = PNG_FORMAT_RGBA;
