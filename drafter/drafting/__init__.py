"""Drafting with a model: prompt packs, prompts and repairs, the section pipeline, the prose check, the resume
state and the run log, and the compose command's service that prepares and finishes a run."""
