"""Writes for agenda packs, by sub-domain: asking for a pack (`publish`), withdrawing versions
(`withdrawal`), building a pack (`build`) and the section cache (`cache`). The lock (`packs.locking`), the out-of-date check
(`packs.staleness`) and the choice of "To follow" papers (`packs.supplementary`) are modules of
their own. The names other apps and the views use are gathered here.
"""
# In this order: withdrawal asks publish for a fresh pack; build asks withdrawal about a new version.
from .publish import pack_publish, pack_publish_supplementary, pack_request
from .withdrawal import pack_version_withdraw, public_packs_review
from .build import PackRetry, pack_build
from .cache import cached_render

__all__ = ["PackRetry", "cached_render", "pack_build", "pack_publish", "pack_publish_supplementary", "pack_request",
           "pack_version_withdraw", "public_packs_review"]
