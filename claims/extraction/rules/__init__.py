"""The claim rules: in one parsed sentence, who claims what about which settlement.

For each place named in a sentence, the nearest trigger word above it in the dependency
tree gives the claim's kind; the trigger's agent gives the side; the reporting verb above
the trigger (or "according to", or the quote the sentence sits in) gives the claimant.

One module per stage, each importing only those listed before it:

- `context`: the article state the rules carry (`SentenceContext`) and what they produce
  (`Claimant`, `Draft`)
- `side_words`: which side a group of words names
- `speakers`: who a group of words names as the speaker
- `attribution`: the claimant of a sentence, and of one trigger in it
- `triggers`: the claim kind a word signals
- `trigger_walk`: from a place up to its trigger
- `places`: the places a sentence names
- `sides`: the side acting in a trigger
- `hedges`: what weakens a claim or makes it none
- `denials`: denials and negations, and rejected claims
- `drafts`: the claims one trigger makes about one place
- `sentence`: all of it for one sentence (`claims_in_sentence`, what the pipeline calls)

Nothing is imported here: callers name the module they use.
"""
