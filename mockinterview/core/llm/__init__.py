"""The optional local language model: runtime, model files, prompts with their validation.

Nothing here is needed for a rehearsal: with no model configured (or the runtime not installed)
every caller uses its deterministic text. A model only ever proposes text; `prompts` validates it
before anything is shown, and falls back to the deterministic text when it fails.
"""
