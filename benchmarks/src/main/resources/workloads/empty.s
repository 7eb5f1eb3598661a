# The empty program: the call overhead every other workload is measured net of.
    r0 = 0
    exit
