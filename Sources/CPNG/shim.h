// Swift sees libpng only through the simplified png_image API, which reports errors in
// png_image.message instead of longjmp-ing through the caller's frames.
#include <png.h>
