"""Reading answers the way people type them, in English and French, without a language model.

- `text`: normalisation, phrases as whole words, negation by clause.
- `words`: the vocabularies (adoption, governance, appetite, scale, size, choices' synonyms).
- `numbers`: head counts and amounts in digits and in words.
- `sector`: the sector a whole sentence describes.
- `facts`: the other profile fields one answer speaks of (name, sector, head count).
- `proposal`: a model's extraction checked against the respondent's words.

`agent.understand` is the entry point the graph uses.
"""
