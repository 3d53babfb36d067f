raise KeyError("outer") from TypeError("never raised")
