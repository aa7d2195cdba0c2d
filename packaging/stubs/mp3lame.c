/* Stands in for LAME (MP3 encoding, 0.4 MB) inside PyAV's FFmpeg in the desktop bundle.
 *
 * FFmpeg decodes MP3 with its own decoder; LAME only encodes, and MockInterview encodes H.264
 * and AAC only. lame_init() answers NULL, so FFmpeg refuses the encoder (ENOMEM) instead of
 * encoding; every other call fails or does nothing. */
#include <stddef.h>

void *lame_init(void) { return NULL; }
int lame_init_params(void) { return -1; }
int lame_close(void) { return 0; }
int lame_encode_buffer(void) { return -1; }
int lame_encode_buffer_float(void) { return -1; }
int lame_encode_buffer_int(void) { return -1; }
int lame_encode_flush(void) { return -1; }
int lame_get_encoder_delay(void) { return 0; }
int lame_get_framesize(void) { return 0; }
int lame_set_VBR(void) { return -1; }
int lame_set_VBR_mean_bitrate_kbps(void) { return -1; }
int lame_set_VBR_quality(void) { return -1; }
int lame_set_bWriteVbrTag(void) { return -1; }
int lame_set_brate(void) { return -1; }
int lame_set_copyright(void) { return -1; }
int lame_set_disable_reservoir(void) { return -1; }
int lame_set_in_samplerate(void) { return -1; }
int lame_set_lowpassfreq(void) { return -1; }
int lame_set_mode(void) { return -1; }
int lame_set_num_channels(void) { return -1; }
int lame_set_original(void) { return -1; }
int lame_set_out_samplerate(void) { return -1; }
int lame_set_quality(void) { return -1; }
