"""The rich views of each command, one module per command; `tables` is what they share."""
