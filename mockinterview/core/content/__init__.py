"""What an answer said, judged by meaning: key points, STAR structure, and a follow-up question.

embeddings  the local sentence-embedding model (all-MiniLM-L6-v2, int8 ONNX)
spans       an answer cut into sentences and clauses, each with the time it was said
phrases     a bank's wordings found on word stems (strong evidence)
keypoints   which key points the answer covers, with the quote and time that cover each
derive      key points derived from a model answer, for banks that have none
assess      the content block of one answer (mockinterview.core.content.assess.assess_content)
"""
