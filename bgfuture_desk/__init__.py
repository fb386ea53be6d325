"""bgfuture-desk: the front desk of the Family Houses in Kazanlak municipality."""

__version__ = "0.1.0"
