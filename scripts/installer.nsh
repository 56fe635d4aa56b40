; Included by electron-builder's NSIS installer (electron-builder.yml, nsis.include): registers the
; sign-in URL scheme, which the NSIS target does not do by itself, and removes it on uninstall.
; The scheme must match `protocols` in electron-builder.yml (tests/unit/packaging-config checks).
; SHCTX is HKCU for a per-user install and HKLM for a per-machine one.
!define SIGN_IN_SCHEME "adobe+frameio-sync"

!macro customInstall
  WriteRegStr SHCTX "Software\Classes\${SIGN_IN_SCHEME}" "" "URL:Frame.io Sync sign-in"
  WriteRegStr SHCTX "Software\Classes\${SIGN_IN_SCHEME}" "URL Protocol" ""
  WriteRegStr SHCTX "Software\Classes\${SIGN_IN_SCHEME}\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr SHCTX "Software\Classes\${SIGN_IN_SCHEME}\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
!macroend

!macro customUnInstall
  DeleteRegKey SHCTX "Software\Classes\${SIGN_IN_SCHEME}"
!macroend
