"""Personal data in replies and logs: only masked, by the one rule in security/masking.py."""

from security.masking import mask_id_number as mask_id
from security.masking import mask_name, mask_phone

__all__ = ["mask_id", "mask_name", "mask_phone"]
