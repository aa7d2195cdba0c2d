/* Stands in for Intel's oneVPL dispatcher (Quick Sync Video, 0.4 MB) inside PyAV's FFmpeg in the
 * desktop bundle.
 *
 * FFmpeg reaches it only for an Intel hardware device or a *_qsv codec named by the caller;
 * MockInterview decodes and encodes in software. The loader and its configuration answer NULL,
 * every other call MFX_ERR_UNSUPPORTED, so FFmpeg reports that it cannot create the device. */
#include <stddef.h>

#define MFX_ERR_UNSUPPORTED (-3)
#define UNSUPPORTED(name) \
    int name(void) { return MFX_ERR_UNSUPPORTED; }

void *MFXLoad(void) { return NULL; }
void *MFXCreateConfig(void) { return NULL; }
void MFXUnload(void) {}
UNSUPPORTED(MFXClose)
UNSUPPORTED(MFXCreateSession)
UNSUPPORTED(MFXDispReleaseImplDescription)
UNSUPPORTED(MFXEnumImplementations)
UNSUPPORTED(MFXJoinSession)
UNSUPPORTED(MFXQueryIMPL)
UNSUPPORTED(MFXQueryVersion)
UNSUPPORTED(MFXSetConfigFilterProperty)
UNSUPPORTED(MFXVideoCORE_GetHandle)
UNSUPPORTED(MFXVideoCORE_SetFrameAllocator)
UNSUPPORTED(MFXVideoCORE_SetHandle)
UNSUPPORTED(MFXVideoCORE_SyncOperation)
UNSUPPORTED(MFXVideoDECODE_Close)
UNSUPPORTED(MFXVideoDECODE_DecodeFrameAsync)
UNSUPPORTED(MFXVideoDECODE_DecodeHeader)
UNSUPPORTED(MFXVideoDECODE_Init)
UNSUPPORTED(MFXVideoDECODE_QueryIOSurf)
UNSUPPORTED(MFXVideoENCODE_Close)
UNSUPPORTED(MFXVideoENCODE_EncodeFrameAsync)
UNSUPPORTED(MFXVideoENCODE_GetVideoParam)
UNSUPPORTED(MFXVideoENCODE_Init)
UNSUPPORTED(MFXVideoENCODE_Query)
UNSUPPORTED(MFXVideoENCODE_QueryIOSurf)
UNSUPPORTED(MFXVideoENCODE_Reset)
UNSUPPORTED(MFXVideoVPP_Close)
UNSUPPORTED(MFXVideoVPP_Init)
UNSUPPORTED(MFXVideoVPP_Query)
UNSUPPORTED(MFXVideoVPP_Reset)
UNSUPPORTED(MFXVideoVPP_RunFrameVPPAsync)
