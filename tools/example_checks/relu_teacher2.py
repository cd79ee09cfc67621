# Part 2 of the relu_teacher replication: SGD against GD, and SGD drawn at 10x the init scale
# (the mutation: SGD's escape moves by ~ln 10 on the same time axis).
import numpy as np, sys
import os
exec(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'relu_teacher.py')).read().split("alpha=float")[0])
alpha=1e-2; A=[];M=[]
for seed in range(20):
    g=run(seed,alpha); s=run(seed,alpha,sgd=True); m=run(seed,10*alpha,sgd=True)
    A.append((s[-1]/s[0], np.max(np.abs(s-g))/g[0])); M.append(np.max(np.abs(m-g))/g[0])
A=np.array(A); M=np.array(M)
print("sgd final/L0 max %.2e; max|sgd-gd|/L0 per seed:"%A[:,0].max(), np.round(A[:,1],3))
print("max over seeds %.3f; mutated (sgd at 10 alpha) min over seeds %.3f"%(A[:,1].max(), M.min()))
