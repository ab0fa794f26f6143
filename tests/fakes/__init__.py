"""The one home of test doubles that tests and bench/ both import: fake LLMs (llms.py: LangChain
chat models; generators.py: `Generator`s), how they read a prompt (prompts.py), fake stores,
verifiers and platform servers."""
