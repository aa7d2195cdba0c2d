<#
.SYNOPSIS
Set up (first time only) and start MockInterview on Windows. Extra arguments go to the app,
e.g. scripts\run.ps1 doctor
#>
$ErrorActionPreference = 'Stop'
& (Join-Path $PSScriptRoot 'setup.ps1')
& (Join-Path (Split-Path -Parent $PSScriptRoot) '.venv\Scripts\mockinterview.exe') @args
exit $LASTEXITCODE
