; SPDX-License-Identifier: GPL-3.0-or-later
;
; DoiThoai's installer for Windows (NSIS 3): one .exe made from the portable folder that
; bundle.sh assembles. Made by installer.sh, which writes the list of files (files.nsh) and
; passes VERSION, FILES (files.nsh, which names the portable folder's files), ICON, SIZE_KB
; and OUTFILE.
;
; Per-user (into %LOCALAPPDATA%\Programs\DoiThoai, no administrator needed) or per-machine
; (into Program Files, for every user of the PC): asked on a page, or /CurrentUser and
; /AllUsers on the command line. Start-menu entries for the program and its uninstaller.
; The uninstaller removes the files the installer put there, its Start-menu entries and its
; registry entries, nothing else: the secretary's data (%LOCALAPPDATA%\doithoai: the
; database, its backups) and the settings stay.
;
; Silent: DoiThoai-VERSION-setup.exe /S [/CurrentUser|/AllUsers] [/D=FOLDER] (last, unquoted)
;         uninstall.exe /S

; A 64-bit installer for a 64-bit program (and wine64 runs it without 32-bit wine).
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma

!ifndef VERSION | FILES | ICON | SIZE_KB | OUTFILE
  !error "installer.sh defines VERSION, FILES, ICON, SIZE_KB and OUTFILE"
!endif

!define NAME "DoiThoai"
!define APP_ID "io.github.doithoai.DoiThoai"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"

Name "${NAME}"
OutFile "${OUTFILE}"
BrandingText "${NAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${NAME}"
VIAddVersionKey /LANG=0 "FileDescription" "${NAME} ${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "GPL-3.0-or-later"

!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE
!define MULTIUSER_USE_PROGRAMFILES64
!define MULTIUSER_INSTALLMODE_INSTDIR "${NAME}"
; Where an earlier install went, and in which mode: the uninstaller and an upgrade find it.
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_KEY "${UNINSTALL_KEY}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_VALUENAME "InstallLocation"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_KEY "${UNINSTALL_KEY}"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_VALUENAME "InstallLocation"
!include MultiUser.nsh
!include MUI2.nsh

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\bin\doithoai.exe"

!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; Vietnamese first: the installer speaks it unless Windows speaks English.
!insertmacro MUI_LANGUAGE "Vietnamese"
!insertmacro MUI_LANGUAGE "English"

LangString UninstallEntry ${LANG_VIETNAMESE} "Gỡ cài đặt ${NAME}"
LangString UninstallEntry ${LANG_ENGLISH} "Uninstall ${NAME}"

!include "${FILES}"

Var WantedDir

Function .onInit
  SetRegView 64
  ; /D=... sets $INSTDIR before this runs, and MultiUser would put its default over it.
  StrCpy $WantedDir $INSTDIR
  !insertmacro MULTIUSER_INIT
  ${If} $WantedDir != ""
    StrCpy $INSTDIR $WantedDir
  ${EndIf}
FunctionEnd

Function un.onInit
  SetRegView 64
  !insertmacro MULTIUSER_UNINIT
FunctionEnd

Section "${NAME}"
  SectionIn RO
  !insertmacro DT_INSTALL_FILES
  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; $SMPROGRAMS is the user's or everyone's Start menu, as MultiUser chose.
  CreateDirectory "$SMPROGRAMS\${NAME}"
  CreateShortcut "$SMPROGRAMS\${NAME}\${NAME}.lnk" "$INSTDIR\bin\doithoai.exe" "" \
    "$INSTDIR\bin\doithoai.exe" 0
  CreateShortcut "$SMPROGRAMS\${NAME}\$(UninstallEntry).lnk" "$INSTDIR\uninstall.exe"

  ; SHCTX: HKLM per machine, HKCU per user.
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayName" "${NAME}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "Publisher" "${NAME}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\bin\doithoai.exe,0"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoRepair" 1
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "EstimatedSize" ${SIZE_KB}
SectionEnd

Section "Uninstall"
  ; Only what the installer put there, file by file: a folder chosen by hand may hold other
  ; things, and the user's data is elsewhere (%LOCALAPPDATA%\doithoai).
  !insertmacro DT_UNINSTALL_FILES
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  ; The uninstaller may speak another language than the installer did: both names.
  Delete "$SMPROGRAMS\${NAME}\${NAME}.lnk"
  Delete "$SMPROGRAMS\${NAME}\Gỡ cài đặt ${NAME}.lnk"
  Delete "$SMPROGRAMS\${NAME}\Uninstall ${NAME}.lnk"
  RMDir "$SMPROGRAMS\${NAME}"

  DeleteRegKey SHCTX "${UNINSTALL_KEY}"
SectionEnd
