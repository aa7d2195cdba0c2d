<#
.SYNOPSIS
Set up (first time only) and run the test suite on Windows: lint, format check, pytest. Extra
arguments go to pytest, e.g. scripts\test.ps1 -k platforms
Tests that need PulseAudio, Xvfb or espeak-ng (Linux tools) skip themselves here; the CI
workflow runs scripts\test.ps1 -m "not audio and not display".
#>
$ErrorActionPreference = 'Stop'
& (Join-Path $PSScriptRoot 'setup.ps1') -Test
$root = Split-Path -Parent $PSScriptRoot
$venv = Join-Path $root '.venv\Scripts'
Push-Location $root
try {
    & (Join-Path $venv 'ruff.exe') check .
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    & (Join-Path $venv 'ruff.exe') format --check .
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    & (Join-Path $venv 'python.exe') -m pytest @args
    exit $LASTEXITCODE
} finally {
    Pop-Location
}
