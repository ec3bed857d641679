"""Personal data in replies and logs: only masked, by the one rule in security/masking.py."""

from security.masking import mask_address, mask_certificate, mask_name, mask_phone
from security.masking import mask_id_number as mask_id

__all__ = ["mask_address", "mask_certificate", "mask_id", "mask_name", "mask_phone"]
