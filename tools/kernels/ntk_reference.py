import numpy as np
rng=np.random.default_rng(0); X=rng.standard_normal((5,10)); X*=np.sqrt(10)/np.linalg.norm(X,axis=1,keepdims=True)
np.set_printoptions(precision=17)
print(",\n".join(", ".join(repr(float(a)) for a in row) for row in X))
def relu(q1,q2,c):
    s=np.sqrt(q1*q2); th=np.arccos(np.clip(c/s,-1,1)); return s/(2*np.pi)*(np.sin(th)+(np.pi-th)*np.cos(th)), (np.pi-th)/(2*np.pi)
def erf(q1,q2,c):
    r=(1+2*q1)*(1+2*q2)-4*c*c; return 2/np.pi*np.arcsin(2*c/np.sqrt((1+2*q1)*(1+2*q2))), 4/np.pi/np.sqrt(r)
def lin(q1,q2,c): return c, np.ones_like(c)
def ntk(X,L,sw,sb,phi):
    d=X.shape[1]; K=sw*X@X.T/d+sb; Th=K.copy()
    for _ in range(L):
        q=np.diag(K); T,Td=phi(q[:,None],q[None,:],K)
        K=sw*T+sb; Th=K+sw*Td*Th
    return K,Th
for name,L,sw,sb,phi in [("relu",1,2,.1,relu),("relu",1,1,0,relu),("relu",2,2,.1,relu),("relu",2,1,0,relu),("erf",1,2,.1,erf),("erf",2,2,.1,erf),("lin",1,2,.1,lin),("lin",2,1,0,lin)]:
    K,Th=ntk(X,L,sw,sb,phi); print(name,L,sw,sb,"%.9f %.9f %.9f"%(Th[0,0],Th[0,1],K[0,1]))
print(relu(1.3,.8,.4), erf(1.3,.8,.4))
