"""claimgraph: who claimed what, about whom, when and where, from news articles."""

from claimgraph.errors import ClaimgraphError
from claimgraph.models import Article, Claim, ClaimKind, Extraction, Stance

__version__ = "0.1.0"

__all__ = ["Article", "Claim", "ClaimKind", "ClaimgraphError", "Extraction", "Stance", "__version__"]
