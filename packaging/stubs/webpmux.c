/* Stands in for libwebpmux (animated WebP encoding) inside PyAV's FFmpeg in the desktop bundle,
 * for the reason webp.c gives: no encoder can be created (NULL), so FFmpeg refuses the animated
 * WebP encoder instead of encoding. */
#include <stddef.h>

int WebPAnimEncoderOptionsInitInternal(void) { return 0; }
void *WebPAnimEncoderNewInternal(void) { return NULL; }
int WebPAnimEncoderAdd(void) { return 0; }
int WebPAnimEncoderAssemble(void) { return 0; }
void WebPAnimEncoderDelete(void) {}
