"""What one request does across domains, composed above them: the domains below never call up."""
