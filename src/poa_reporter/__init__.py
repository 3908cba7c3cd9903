"""poa-reporter: national reports on the UN Programme of Action on small arms
and light weapons (PoA) and the International Tracing Instrument (ITI)."""

__version__ = "0.1.0"
