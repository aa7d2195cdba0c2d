; Windows installer for the PyInstaller folder dist\mockinterview (Inno Setup 6.3 or newer).
;
;   pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\mockinterview.spec
;   iscc /DAppVersion=0.1.0 packaging\windows\mockinterview.iss
;     -> dist\MockInterview-0.1.0-windows-x64-setup.exe
;
; Installs for the current user only (no administrator prompt; the user can choose "all users"),
; adds a Start menu entry for the windowless program and an uninstaller. Uninstalling removes
; the program, never the sessions: those live in %LOCALAPPDATA%\mockinterview. Relative paths
; are relative to this file. Names here match packaging/bundle_contents.py (checked by
; tests/packaging/test_platform_packaging.py).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "MockInterview"
#define GuiProgram "mockinterview-gui.exe"

[Setup]
AppId={{6A3AE1EF-B014-4C73-9520-EB286C75142A}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
LicenseFile=..\..\LICENSE
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-windows-x64-setup
UninstallDisplayIcon={app}\{#GuiProgram}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\mockinterview\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiProgram}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiProgram}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#GuiProgram}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
