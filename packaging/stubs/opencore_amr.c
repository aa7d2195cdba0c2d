/* Stands in for opencore-amr's AMR-NB and AMR-WB libraries (0.3 MB) inside PyAV's FFmpeg in the
 * desktop bundle (one source for both: each library is built from it, and the symbols its users
 * take from it are checked to be here).
 *
 * FFmpeg decodes AMR with its own decoders ("amrnb", "amrwb"), which come before the opencore
 * wrappers in its codec list; MockInterview encodes H.264 and AAC only. Creating a decoder or an
 * encoder answers NULL, so FFmpeg refuses the named opencore codec instead of using it. */
#include <stddef.h>

void *Decoder_Interface_init(void) { return NULL; }
void Decoder_Interface_Decode(void) {}
void Decoder_Interface_exit(void) {}
void *Encoder_Interface_init(void) { return NULL; }
int Encoder_Interface_Encode(void) { return -1; }
void Encoder_Interface_exit(void) {}
void *D_IF_init(void) { return NULL; }
void D_IF_decode(void) {}
void D_IF_exit(void) {}
